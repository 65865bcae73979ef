-- 110-orders-with-customer.sql
-- Creates: the stream ORDERS_WITH_CUSTOMER, every order event joined with the customer's current profile.
-- Why: a stream-table join in SQL, for analysts who slice orders by customer tier, segment or country of
-- residence. It is a LEFT JOIN: an order whose customer profile has not arrived still passes, with null customer
-- columns, and COUNTRY falls back to the shipping country. ksqlDB re-keys the orders by USER_ID to meet the table
-- (orders are keyed by order id), so the result is keyed by USER_ID. The order-enrichment Flink job keeps the
-- newest state per order instead (ORDERS_ENRICHED); this stream keeps every event, which 120 needs.

CREATE STREAM ORDERS_WITH_CUSTOMER WITH (
    KAFKA_TOPIC = 'ksql-orders-with-customer',
    KEY_FORMAT = 'KAFKA',
    VALUE_FORMAT = 'AVRO',
    PARTITIONS = 4
) AS SELECT
    O.USER_ID AS USER_ID,
    O.ORDER_ID AS ORDER_ID,
    O.EVENT_TIME AS EVENT_TIME,
    O.STATUS AS STATUS,
    O.AMOUNT AS AMOUNT,
    O.CURRENCY AS CURRENCY,
    O.SHIPPING_COUNTRY AS SHIPPING_COUNTRY,
    C.COUNTRY AS CUSTOMER_COUNTRY,
    C.TIER AS CUSTOMER_TIER,
    C.SEGMENT AS CUSTOMER_SEGMENT,
    COALESCE(C.COUNTRY, O.SHIPPING_COUNTRY) AS COUNTRY
FROM ORDERS O
LEFT JOIN CUSTOMERS C ON O.USER_ID = C.USER_KEY
EMIT CHANGES;
