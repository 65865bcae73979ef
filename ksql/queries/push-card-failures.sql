-- push-card-failures.sql: cards with 3 or more failed payments in any sliding hour, as the counts change.
-- Every change of a hopping window's count is a row, so one card shows once per window it is in.
--
-- Expected shape:
-- +-----------------+--------------+--------------+----------------+--------------------------------------+------------+
-- |CARD_FINGERPRINT |WINDOW_START  |WINDOW_END    |FAILED_PAYMENTS |FAILURE_REASONS                       |USER_IDS    |
-- +-----------------+--------------+--------------+----------------+--------------------------------------+------------+
-- |card-1           |1767225600000 |1767229200000 |3               |[INSUFFICIENT_FUNDS, DO_NOT_HONOR]    |[u-1, u-2]  |

SELECT CARD_FINGERPRINT, WINDOWSTART AS WINDOW_START, WINDOWEND AS WINDOW_END, FAILED_PAYMENTS, FAILURE_REASONS,
       USER_IDS
FROM FAILED_PAYMENTS_PER_CARD_1H
WHERE FAILED_PAYMENTS >= 3
EMIT CHANGES;
