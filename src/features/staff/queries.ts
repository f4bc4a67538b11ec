/** The staff feature's SQL: accounts and invite links. */
export * from './member-queries.ts';
export * from './invite-queries.ts';
