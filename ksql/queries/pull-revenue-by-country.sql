-- pull-revenue-by-country.sql: paid revenue in Germany, in euro cents, per hour.
-- The table's key is (COUNTRY, CURRENCY): a pull query gives both.
--
-- Expected result (one row per hour with paid orders):
-- +--------+---------+--------------+------------+---------+
-- |COUNTRY |CURRENCY |WINDOWSTART   |PAID_ORDERS |REVENUE  |
-- +--------+---------+--------------+------------+---------+
-- |DE      |EUR      |1767225600000 |2           |4000     |
-- |DE      |EUR      |1767229200000 |1           |500      |

SELECT COUNTRY, CURRENCY, WINDOWSTART, PAID_ORDERS, REVENUE
FROM REVENUE_PER_COUNTRY_HOURLY
WHERE COUNTRY = 'DE' AND CURRENCY = 'EUR';
