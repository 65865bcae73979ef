-- 020-customers-table.sql
-- Creates: the table CUSTOMERS over the compacted topic customers (latest profile per user, key user_id).
-- Why: a topic that holds the latest value per key is a table; 110 joins orders to it. Declared as a plain table
-- (not SOURCE): it is only joined, never queried directly, so it needs no extra materialization of its own.

CREATE TABLE CUSTOMERS (
    USER_KEY STRING PRIMARY KEY,
    EVENT_ID STRING,
    EVENT_TIME TIMESTAMP,
    USER_ID STRING,
    COUNTRY STRING,
    TIER STRING,
    SIGNUP_DATE DATE,
    SEGMENT STRING,
    EMAIL STRING
) WITH (
    KAFKA_TOPIC = 'customers',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'EVENT_TIME'
);
