-- push-orders-with-customer.sql: the next ten order events with the customer's tier and country.
-- CUSTOMER_TIER is null while the customer's profile has not arrived; COUNTRY then falls back to the shipping country.
--
-- Expected shape (ten rows, then the query ends):
-- +--------+--------+--------+--------------+--------+-------+---------+
-- |USER_ID |ORDER_ID|STATUS  |CUSTOMER_TIER |COUNTRY |AMOUNT |CURRENCY |
-- +--------+--------+--------+--------------+--------+-------+---------+
-- |u-1     |o-1     |CREATED |GOLD          |DE      |2500   |EUR      |
-- |u-2     |o-2     |CREATED |null          |US      |999    |USD      |

SELECT USER_ID, ORDER_ID, STATUS, CUSTOMER_TIER, COUNTRY, AMOUNT, CURRENCY
FROM ORDERS_WITH_CUSTOMER
EMIT CHANGES
LIMIT 10;
