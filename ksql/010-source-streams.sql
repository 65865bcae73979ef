-- 010-source-streams.sql
-- Creates: the streams USER_EVENTS, ORDERS and PAYMENTS over the platform's event topics.
-- Why: every later script reads these. Values are Avro in the Confluent wire format (subject <topic>-value); the
-- columns are declared, not inferred, so the scripts say what they rely on and the build checks each column against
-- events/src/main/avro. ksqlDB matches Avro field names case-insensitively (event_id -> EVENT_ID); Avro enums read
-- as STRING, timestamp-millis as TIMESTAMP. Keys are the producer's plain UTF-8 strings (KEY_FORMAT 'KAFKA').
-- TIMESTAMP = 'EVENT_TIME' makes every window and join run on event time, like the Flink jobs.

SET 'auto.offset.reset' = 'earliest';

CREATE STREAM USER_EVENTS (
    USER_KEY STRING KEY,
    EVENT_ID STRING,
    EVENT_TIME TIMESTAMP,
    USER_ID STRING,
    `TYPE` STRING,
    IP STRING,
    COUNTRY STRING,
    DEVICE_ID STRING
) WITH (
    KAFKA_TOPIC = 'user-events',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'EVENT_TIME'
);

CREATE STREAM ORDERS (
    ORDER_KEY STRING KEY,
    EVENT_ID STRING,
    EVENT_TIME TIMESTAMP,
    ORDER_ID STRING,
    USER_ID STRING,
    STATUS STRING,
    ITEMS ARRAY<STRUCT<SKU STRING, CATEGORY STRING, QUANTITY INT, UNIT_PRICE BIGINT>>,
    AMOUNT BIGINT,
    CURRENCY STRING,
    SHIPPING_COUNTRY STRING
) WITH (
    KAFKA_TOPIC = 'orders',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'EVENT_TIME'
);

CREATE STREAM PAYMENTS (
    PAYMENT_KEY STRING KEY,
    EVENT_ID STRING,
    EVENT_TIME TIMESTAMP,
    PAYMENT_ID STRING,
    ORDER_ID STRING,
    USER_ID STRING,
    STATUS STRING,
    FAILURE_REASON STRING,
    CARD_FINGERPRINT STRING,
    AMOUNT BIGINT,
    CURRENCY STRING
) WITH (
    KAFKA_TOPIC = 'payments',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'EVENT_TIME'
);
