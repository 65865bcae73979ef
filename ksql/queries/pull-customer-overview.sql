-- pull-customer-overview.sql: one customer's latest order and open alerts, for the support and risk desk.
--
-- Expected result (one row, or none for an unknown customer):
-- +--------+--------------+------------------+------------------+--------------------+----------------+------------+---------------+--------------------+----------------+
-- |USER_ID |LAST_ORDER_ID |LAST_ORDER_STATUS |LAST_ORDER_AMOUNT |LAST_ORDER_CURRENCY |LAST_ORDER_TIME |OPEN_ALERTS |OPEN_ALERT_IDS |LAST_ALERT_SEVERITY |LAST_ALERT_TIME |
-- +--------+--------------+------------------+------------------+--------------------+----------------+------------+---------------+--------------------+----------------+
-- |u-1     |o-1           |PAID              |2500              |EUR                 |1767225840000   |1           |[a-1]          |HIGH                |1767225720000   |

SELECT * FROM CUSTOMER_OVERVIEW WHERE USER_ID = 'u-1';
