import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { Database } from '../../../db/client.ts';
import { HttpError } from '../../../lib/http-error.ts';
import { postedText } from '../../../lib/posted.ts';
import type { Site } from '../../../ui/site.ts';
import { sendStaffPage } from '../../../ui/staff-page.ts';
import { staffFrame } from '../../auth/index.ts';
import { RevokeTokenPage, TokenCreatedPage, TokensPage } from './token-pages.tsx';
import {
  createStatsToken,
  findStatsToken,
  listStatsTokens,
  revokeStatsToken,
  tokenName,
  type TokenActor,
} from './tokens.ts';

export type TokenRoutesDeps = {
  db: Database;
  site: Site;
  siteUrl: string;
  now: () => Date;
  clientAddress: (c: Context) => string;
};

/**
 * /staff/analytics/tokens: an admin lists, creates and revokes stats-API tokens, each audited.
 * `requireAdmin` guards every route; app.ts's CSRF protection covers the posts.
 */
export function statsTokenRoutes(deps: TokenRoutesDeps, requireAdmin: MiddlewareHandler): Hono {
  const { db, now } = deps;
  const app = new Hono();
  app.use('/staff/analytics/tokens', requireAdmin);
  app.use('/staff/analytics/tokens/*', requireAdmin);
  const actor = (c: Context): TokenActor => ({
    staffId: c.get('staff').staffId,
    email: c.get('staff').email,
    address: deps.clientAddress(c),
  });
  const list = async (c: Context, form: { name: string; error?: string }, status: 200 | 422 = 200) =>
    sendStaffPage(
      c,
      <TokensPage
        {...staffFrame(c, deps.site)}
        tokens={await listStatsTokens(db)}
        timeZone={deps.site.clinic.timeZone}
        siteUrl={deps.siteUrl}
        notice={c.req.query('notice') === 'revoked' ? 'The token is revoked: it no longer works.' : undefined}
        {...form}
      />,
      status,
    );
  const tokenOf = async (c: Context) => {
    const id = z.uuid().safeParse(c.req.param('id'));
    const token = id.success ? await findStatsToken(db, id.data) : null;
    if (!token || token.revokedAt) throw new HttpError(404, 'No such token, or it is already revoked.');
    return token;
  };

  app.get('/staff/analytics/tokens', (c) => list(c, { name: '' }));

  app.post('/staff/analytics/tokens', async (c) => {
    const raw = postedText((await c.req.parseBody()).name);
    const named = tokenName(raw);
    if ('error' in named) return list(c, { name: raw, error: named.error }, 422);
    const { token } = await createStatsToken(db, { name: named.name, actor: actor(c), now: now() });
    return sendStaffPage(
      c,
      <TokenCreatedPage {...staffFrame(c, deps.site)} name={named.name} token={token} />,
    );
  });

  app.get('/staff/analytics/tokens/:id/revoke', async (c) =>
    sendStaffPage(c, <RevokeTokenPage {...staffFrame(c, deps.site)} token={await tokenOf(c)} />),
  );

  app.post('/staff/analytics/tokens/:id/revoke', async (c) => {
    const token = await tokenOf(c);
    await revokeStatsToken(db, { id: token.id, actor: actor(c), now: now() });
    return c.redirect('/staff/analytics/tokens?notice=revoked', 303);
  });
  return app;
}
