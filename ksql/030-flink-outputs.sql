-- 030-flink-outputs.sql
-- Creates: the stream ALERTS over alerts (fraud-detection job) and the source table ORDERS_ENRICHED over
-- orders-enriched (order-enrichment job).
-- Why: analysts query what the Flink jobs decided without a second pipeline. ALERTS is a stream: every alert is a
-- fact (140 counts them per customer). orders-enriched carries the newest state of each order under its order id,
-- so it is a table; SOURCE makes ksqlDB materialize it, which is what lets a pull query look up one order
-- (queries/pull-order-status.sql). The Avro field `key` is a ksqlDB keyword, so its column is back-quoted.

CREATE STREAM ALERTS (
    ALERT_KEY STRING KEY,
    ALERT_ID STRING,
    RULE_ID STRING,
    RULE_VERSION INT,
    SEVERITY STRING,
    `KEY` STRING,
    MATCHED_EVENT_IDS ARRAY<STRING>,
    FIRST_EVENT_TIME TIMESTAMP,
    LAST_EVENT_TIME TIMESTAMP,
    DETECTION_TIME TIMESTAMP,
    SUMMARY STRING
) WITH (
    KAFKA_TOPIC = 'alerts',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'DETECTION_TIME'
);

CREATE SOURCE TABLE ORDERS_ENRICHED (
    ORDER_KEY STRING PRIMARY KEY,
    ORDER_ID STRING,
    USER_ID STRING,
    LAST_EVENT_ID STRING,
    EVENT_TIME TIMESTAMP,
    CREATED_TIME TIMESTAMP,
    STATUS STRING,
    ITEM_COUNT INT,
    CATEGORIES ARRAY<STRING>,
    AMOUNT BIGINT,
    AMOUNT_MAJOR DOUBLE,
    CURRENCY STRING,
    SHIPPING_COUNTRY STRING,
    ENRICHED BOOLEAN,
    CUSTOMER_COUNTRY STRING,
    CUSTOMER_TIER STRING,
    CUSTOMER_SEGMENT STRING,
    CUSTOMER_SIGNUP_DATE DATE,
    PAYMENT_STATUS STRING,
    PAYMENT_FAILURE_REASON STRING,
    FAILED_PAYMENT_COUNT INT,
    PAID_TIME TIMESTAMP,
    TIME_TO_PAYMENT_MS BIGINT,
    RISK_LEVEL STRING
) WITH (
    KAFKA_TOPIC = 'orders-enriched',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    TIMESTAMP = 'EVENT_TIME'
);
