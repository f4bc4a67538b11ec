import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * Finds every SQL statement in the source: the first argument of each `.query(…)` and
 * `.exec(…)` call, when it is a string, a template without substitutions, or a template whose
 * substitutions are `const`s of the same file holding such strings (a shared WHERE clause).
 * Anything else passed to a database is reported as dynamic, so a test can list those by hand.
 */

export type Statement = { file: string; line: number; sql: string };
export type DynamicCall = { file: string; line: number; argument: string };
export type Found = {
  statements: Statement[];
  dynamic: DynamicCall[];
  /** Every `.query(`/`.exec(` call seen, SQL or not (RegExp#exec, c.req.query…). */
  calls: number;
};

const SQL_START =
  /^\s*(SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|ALTER|DROP|DECLARE|FETCH|CLOSE|BEGIN|COMMIT|ROLLBACK|LOCK|SET|TRUNCATE)\b/i;
/** Receivers that are a database, a transaction or a connection (db, deps.db, sql, tx, conn, pool, client, target). */
const DATABASE_RECEIVER = /(^|\.)(db|sql|tx|conn|pool|client|target|database)$/i;

export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** A static string value of an expression, or null when it is built at run time. */
function staticText(node: ts.Expression, consts: Map<string, ts.Expression>, depth = 0): string | null {
  if (depth > 5) return null;
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isIdentifier(node)) {
    const init = consts.get(node.text);
    return init ? staticText(init, consts, depth + 1) : null;
  }
  if (ts.isTemplateExpression(node)) {
    let text = node.head.text;
    for (const span of node.templateSpans) {
      const part = staticText(span.expression, consts, depth + 1);
      if (part === null) return null;
      text += part + span.literal.text;
    }
    return text;
  }
  return null;
}

export function findStatements(root: string, files = sourceFiles(root)): Found {
  const found: Found = { statements: [], dynamic: [], calls: 0 };
  for (const path of files) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.ES2022, true);
    const file = relative(root, path);
    const consts = new Map<string, ts.Expression>();
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      if (!(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer) consts.set(d.name.text, d.initializer);
      }
    }
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isPropertyAccessExpression(node.expression) &&
        (node.expression.name.text === 'query' || node.expression.name.text === 'exec')
      ) {
        found.calls++;
        const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        const first = node.arguments[0];
        const text = first ? staticText(first, consts) : null;
        if (text !== null && SQL_START.test(text)) found.statements.push({ file, line, sql: text });
        else if (
          first &&
          text === null &&
          DATABASE_RECEIVER.test(node.expression.expression.getText(source))
        ) {
          found.dynamic.push({ file, line, argument: first.getText(source) });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/**
 * An independent count of `.query(` and `.exec(` calls, by searching the text line by line
 * (comment lines and trailing comments left out), to show the syntax walk missed none.
 */
export function countCallsByText(files: string[]): number {
  let count = 0;
  for (const path of files) {
    const code = readFileSync(path, 'utf8')
      .split('\n')
      .filter((line) => !/^\s*(\*|\/\*|\/\/)/.test(line))
      .map((line) => line.replace(/\s\/\/ .*$/, ''))
      .join('\n');
    count += code.match(/\.(query|exec)\s*(<[^()]*?>)?\(/g)?.length ?? 0;
  }
  return count;
}
