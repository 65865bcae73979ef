-- 100-failed-payments-per-card.sql
-- Creates: FAILED_PAYMENTS_PER_CARD_10MIN (tumbling 10-minute windows) and FAILED_PAYMENTS_PER_CARD_1H (1-hour
-- windows hopping every 10 minutes), keyed by card fingerprint and window.
-- Why: the fraud job alerts on patterns; analysts also want the raw failure counts per card to tune thresholds and
-- to see card testing building up. Tumbling windows give one count per card and 10 minutes (good for charts);
-- hopping windows give a sliding hour that does not reset at the hour boundary (good for thresholds).
-- The distinct user ids show one card used by several accounts. Pull queries: queries/pull-card-failures.sql.

CREATE TABLE FAILED_PAYMENTS_PER_CARD_10MIN WITH (
    KAFKA_TOPIC = 'ksql-failed-payments-per-card-10min',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    CARD_FINGERPRINT,
    COUNT(*) AS FAILED_PAYMENTS,
    COLLECT_SET(FAILURE_REASON) AS FAILURE_REASONS,
    COLLECT_SET(USER_ID) AS USER_IDS,
    MAX(ROWTIME) AS LAST_FAILURE_TIME
FROM PAYMENTS
WINDOW TUMBLING (SIZE 10 MINUTES, RETENTION 7 DAYS, GRACE PERIOD 1 MINUTE)
WHERE STATUS = 'FAILED'
GROUP BY CARD_FINGERPRINT
EMIT CHANGES;

CREATE TABLE FAILED_PAYMENTS_PER_CARD_1H WITH (
    KAFKA_TOPIC = 'ksql-failed-payments-per-card-1h',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    CARD_FINGERPRINT,
    COUNT(*) AS FAILED_PAYMENTS,
    COLLECT_SET(FAILURE_REASON) AS FAILURE_REASONS,
    COLLECT_SET(USER_ID) AS USER_IDS,
    MAX(ROWTIME) AS LAST_FAILURE_TIME
FROM PAYMENTS
WINDOW HOPPING (SIZE 1 HOUR, ADVANCE BY 10 MINUTES, RETENTION 7 DAYS, GRACE PERIOD 1 MINUTE)
WHERE STATUS = 'FAILED'
GROUP BY CARD_FINGERPRINT
EMIT CHANGES;
