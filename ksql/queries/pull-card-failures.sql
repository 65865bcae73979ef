-- pull-card-failures.sql: one card's failed payments per 10-minute window, from 2026-01-01 00:00 UTC on.
-- A pull query: answers from the materialized table at once and ends. Key lookup (CARD_FINGERPRINT) plus
-- bounds on WINDOWSTART, in epoch milliseconds.
--
-- Expected result (one row per window the card failed in):
-- +-----------------+--------------+--------------+----------------+-----------------------------------+-----------+
-- |CARD_FINGERPRINT |WINDOWSTART   |WINDOWEND     |FAILED_PAYMENTS |FAILURE_REASONS                    |USER_IDS   |
-- +-----------------+--------------+--------------+----------------+-----------------------------------+-----------+
-- |card-1           |1767225600000 |1767226200000 |2               |[INSUFFICIENT_FUNDS, DO_NOT_HONOR] |[u-1, u-2] |
-- |card-1           |1767226200000 |1767226800000 |1               |[INSUFFICIENT_FUNDS]               |[u-1]      |

SELECT CARD_FINGERPRINT, WINDOWSTART, WINDOWEND, FAILED_PAYMENTS, FAILURE_REASONS, USER_IDS
FROM FAILED_PAYMENTS_PER_CARD_10MIN
WHERE CARD_FINGERPRINT = 'card-1' AND WINDOWSTART >= 1767225600000;
