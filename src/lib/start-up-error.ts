/**
 * A problem the person starting the server or a command must fix (a bad setting, a locked
 * DATA_DIR, a database from newer code, a broken page file). Its message says what is wrong and
 * what to do, so the server and the CLI print it alone, without a stack, and exit non-zero.
 */
export class StartUpError extends Error {}
