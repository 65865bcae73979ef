-- 120-revenue-per-country-hourly.sql
-- Creates: REVENUE_PER_COUNTRY_HOURLY, paid revenue per customer country and currency in tumbling 1-hour windows.
-- Why: the question "how much did we take per country this hour", answered by country of residence (from the
-- customer table, falling back to the shipping country) rather than by shipping country. Amounts are minor units
-- and are only summed within one currency, so the key is (COUNTRY, CURRENCY); two key columns need a structured key
-- format, hence KEY_FORMAT 'JSON'. Only PAID events count, so each order counts once.

CREATE TABLE REVENUE_PER_COUNTRY_HOURLY WITH (
    KAFKA_TOPIC = 'ksql-revenue-per-country-hourly',
    KEY_FORMAT = 'JSON',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    COUNTRY,
    CURRENCY,
    COUNT(*) AS PAID_ORDERS,
    SUM(AMOUNT) AS REVENUE
FROM ORDERS_WITH_CUSTOMER
WINDOW TUMBLING (SIZE 1 HOUR, RETENTION 30 DAYS, GRACE PERIOD 10 MINUTES)
WHERE STATUS = 'PAID'
GROUP BY COUNTRY, CURRENCY
EMIT CHANGES;
