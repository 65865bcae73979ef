package io.infometis.streams.enrichment.customer;

import io.infometis.streams.events.Customer;
import java.util.Objects;

/**
 * What the job keeps of a customer profile. Deliberately without the e-mail: what is not in state can never
 * reach Elasticsearch or the enriched topic. A Flink POJO (keyed state).
 */
public class CustomerProfile {

    public String userId;
    public long eventTime;
    public String country;
    public String tier;
    public String segment;
    /** Days since 1970-01-01 (Avro {@code date}). */
    public int signupEpochDay;

    public CustomerProfile() {}

    public static CustomerProfile of(Customer customer) {
        CustomerProfile p = new CustomerProfile();
        p.userId = customer.getUserId();
        p.eventTime = customer.getEventTime().toEpochMilli();
        p.country = customer.getCountry();
        p.tier = customer.getTier().name();
        p.segment = customer.getSegment();
        p.signupEpochDay = (int) customer.getSignupDate().toEpochDay();
        return p;
    }

    /** A compacted topic replays old versions first: only a profile at least as new replaces the current one. */
    public boolean isNotOlderThan(CustomerProfile other) {
        return other == null || eventTime >= other.eventTime;
    }

    public boolean sameContentAs(CustomerProfile o) {
        return o != null && signupEpochDay == o.signupEpochDay && Objects.equals(country, o.country)
                && Objects.equals(tier, o.tier) && Objects.equals(segment, o.segment);
    }

    @Override
    public String toString() {
        return "CustomerProfile{" + userId + ", " + tier + ", " + country + "@" + eventTime + "}";
    }
}
