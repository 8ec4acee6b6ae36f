// Errors of opening and migrating a database, apart from the code that opens it: the command
// line names them to its user without loading the database's modules.

/** The database named cannot be reached (PostgreSQL down, a wrong DATABASE_URL). */
export class DatabaseUnavailableError extends Error {}

/** The database's migrations are not in a state this version can apply (one failed, one is unknown). */
export class MigrationStateError extends Error {}
