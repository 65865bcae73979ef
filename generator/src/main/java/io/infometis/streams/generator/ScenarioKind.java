package io.infometis.streams.generator;

/**
 * The fraud and data-quality situations the generator injects on purpose. Background traffic never matches one
 * by accident, so every detection of these must appear in the {@link GroundTruth} and nothing else.
 */
public enum ScenarioKind {
    /**
     * On a fresh card fingerprint, 3..5 FAILED payments then an AUTHORIZED payment on the same card, all within
     * 10 minutes of event time. Key: the card fingerprint; event ids: the failed payments, then the authorized one.
     */
    CARD_TESTING,
    /**
     * A user who already logged in from their home country logs in from a country they never used, then changes
     * their password or e-mail, then creates an order above the ATO minimum amount, all within 30 minutes.
     * Key: the user id; event ids: the login, the change, the order (CREATED).
     */
    ACCOUNT_TAKEOVER,
    /** An order CREATED and never paid: no payment, no further order event. Key: the order id; event id: CREATED. */
    UNPAID_ORDER
}
