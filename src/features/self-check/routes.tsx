import { Hono, type Context } from 'hono';
import type { Database } from '../../db/client.ts';
import { LOCALES, otherLocale, type Locale } from '../../i18n/locales.ts';
import type { Logger } from '../../lib/logger.ts';
import { postedText } from '../../lib/posted.ts';
import { renderDocument } from '../../ui/layout.tsx';
import { REQUEST_PATH, SELF_CHECK_PATH, type PublicSite } from '../content/index.ts';
import { CARRY_FIELD, CARRY_MARK, encodeCarried, postGuard, sendHtml } from '../intake/index.ts';
import { carriedFrom } from './carry.ts';
import { SelfCheckPage, type SelfCheckPageProps } from './pages/self-check-page.tsx';
import { checkAnswers, emptyAnswers, outcomeOf, readAnswers } from './rules.ts';

/** Name of the browser script in src/assets/build.ts SCRIPT_ENTRIES. */
export const SELF_CHECK_SCRIPT = 'self-check.js';

export type SelfCheckDeps = {
  db: Database;
  logger: Logger;
  publicSite: PublicSite;
  now: () => Date;
  clientAddress: (c: Context) => string;
};

/**
 * The self-check in both languages. GET shows the questions; POST answers with the result in the
 * response. Answers arrive in the body only (never a URL), and nothing of them is stored, logged
 * or counted: the only record is the post's rate-limit hit, under a hash of the address.
 */
export { SELF_CHECK_PATH };

export function selfCheckRoutes(deps: SelfCheckDeps): Hono {
  const { site, assets } = deps.publicSite;
  const guard = postGuard(deps.db, deps.logger, 'self-check');
  const scripts = [assets.url('analytics.js'), assets.url(SELF_CHECK_SCRIPT)];
  const app = new Hono();

  const page = async (
    c: Context,
    locale: Locale,
    props: Pick<SelfCheckPageProps, 'answers' | 'errors' | 'notice' | 'result' | 'callBack'>,
    status: 200 | 422 | 429,
  ) => {
    const token = await guard.token(deps.now());
    const html = await renderDocument(
      <SelfCheckPage
        site={site}
        locale={locale}
        path={SELF_CHECK_PATH[locale]}
        twin={SELF_CHECK_PATH[otherLocale(locale)]}
        scripts={scripts}
        token={token}
        {...props}
      />,
    );
    // A page made from someone's answers is never kept by any cache.
    return sendHtml(c, html, status, 'no-store');
  };

  for (const locale of LOCALES) {
    app.get(SELF_CHECK_PATH[locale], (c) =>
      page(
        c,
        locale,
        { answers: emptyAnswers(), errors: {}, notice: null, result: null, callBack: null },
        200,
      ),
    );
    app.post(SELF_CHECK_PATH[locale], async (c) => {
      const body = await c.req.formData().catch(() => new FormData());
      const answers = readAnswers(body);
      const check = await guard.check(postedText(body.get('form-token')), deps.clientAddress(c), deps.now());
      if (check !== 'ok') {
        const notice = check === 'expired' ? 'expired' : 'rateLimited';
        return page(
          c,
          locale,
          { answers, errors: {}, notice, result: null, callBack: null },
          check === 'expired' ? 422 : 429,
        );
      }
      const outcome = outcomeOf(answers);
      if (outcome.kind === 'errors') {
        return page(
          c,
          locale,
          { answers, errors: outcome.errors, notice: null, result: null, callBack: null },
          422,
        );
      }
      const reading = checkAnswers(answers);
      const callBack =
        outcome.result.kind === 'worth-asking' && reading.ok
          ? {
              requestPath: REQUEST_PATH[locale],
              carryField: CARRY_FIELD,
              carryMark: CARRY_MARK,
              carryValue: encodeCarried(carriedFrom(reading.answers)),
            }
          : null;
      return page(c, locale, { answers, errors: {}, notice: null, result: outcome.result, callBack }, 200);
    });
  }
  return app;
}
