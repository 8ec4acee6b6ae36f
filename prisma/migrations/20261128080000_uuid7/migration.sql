-- A UUID of version 7 (RFC 9562), made in the database, for rows written in bulk by one statement
-- (imports): the same kind of id Prisma's @default(uuid(7)) makes in the client, whose first 48
-- bits are the time in milliseconds, so new rows go to the end of the primary key's index.
-- PostgreSQL 18 has uuidv7(); this is for 15 to 17 and PGlite. gen_random_uuid() gives 122 random
-- bits and the version 4 nibble (0100); the time overwrites the first 6 bytes, and setting bits 52
-- and 53 makes the version nibble 0111.
CREATE FUNCTION chronicle_uuid7() RETURNS uuid
LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
  SELECT encode(
    set_bit(set_bit(
      overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send(floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3)
        FROM 1 FOR 6),
      52, 1), 53, 1),
    'hex')::uuid
$$;
