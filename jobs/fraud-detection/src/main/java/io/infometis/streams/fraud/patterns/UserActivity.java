package io.infometis.streams.fraud.patterns;

import java.util.Objects;

/**
 * What the account-takeover pattern looks at, from user events and orders unioned into one stream per user:
 * only the three kinds of step the pattern has (everything else is dropped before it reaches CEP state).
 * A Flink POJO (public fields, no-arg constructor) so its state is schema-evolvable.
 */
public class UserActivity {

    public enum Kind { NEW_COUNTRY_LOGIN, CREDENTIAL_CHANGE, LARGE_ORDER }

    public String userId;
    public String eventId;
    public long eventTime;
    public Kind kind;
    /** Country of a login, PASSWORD_CHANGED/EMAIL_CHANGED of a change, order id of an order. */
    public String detail;
    /** Order amount in minor units (orders only). */
    public long amount;
    public String currency;

    public UserActivity() {}

    public static UserActivity of(String userId, String eventId, long eventTime, Kind kind, String detail) {
        UserActivity a = new UserActivity();
        a.userId = userId;
        a.eventId = eventId;
        a.eventTime = eventTime;
        a.kind = kind;
        a.detail = detail;
        return a;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UserActivity a && eventTime == a.eventTime && amount == a.amount
                && Objects.equals(userId, a.userId) && Objects.equals(eventId, a.eventId) && kind == a.kind
                && Objects.equals(detail, a.detail) && Objects.equals(currency, a.currency);
    }

    @Override
    public int hashCode() {
        return Objects.hash(userId, eventId, eventTime, kind, detail);
    }

    @Override
    public String toString() {
        return kind + "{user=" + userId + ", event=" + eventId + ", t=" + eventTime + ", " + detail
                + (kind == Kind.LARGE_ORDER ? ", " + amount + " " + currency : "") + "}";
    }
}
