package io.infometis.streams.generator;

import io.infometis.streams.events.CustomerTier;
import java.time.LocalDate;
import java.util.List;

/** One simulated user and what the generator must remember about them to keep background traffic innocent. */
final class Shopper {

    final String userId;
    final Market.HomeCountry home;
    final String homeIp;
    final List<String> devices;
    final List<String> cards = new java.util.ArrayList<>();
    /** Countries this user has logged in from (home, and the countries of earlier takeovers). */
    final java.util.Set<String> countriesUsed = new java.util.HashSet<>();
    final LocalDate signupDate;
    final String segment;
    final String email;
    final boolean lateProfile;
    CustomerTier tier;

    /** A customers profile has been planned (it may not be sent yet). */
    boolean profilePlanned;
    /** Planned time of the first profile (Long.MAX_VALUE until planned). */
    long profileTime = Long.MAX_VALUE;
    /** The user's first order has been planned. */
    boolean ordered;
    /** A LOGIN of this user has been sent: their home country is established as the baseline. */
    boolean loginSent;
    /** Planned but not yet sent events of this user. */
    int pending;
    /** Not used for background traffic or other scenarios before this event time (account-takeover victims). */
    long reservedUntil = Long.MIN_VALUE;

    Shopper(String userId, Market.HomeCountry home, String homeIp, List<String> devices, LocalDate signupDate,
            String segment, String email, boolean lateProfile, CustomerTier tier) {
        this.userId = userId;
        this.home = home;
        this.homeIp = homeIp;
        this.devices = List.copyOf(devices);
        this.signupDate = signupDate;
        this.segment = segment;
        this.email = email;
        this.lateProfile = lateProfile;
        this.tier = tier;
        this.countriesUsed.add(home.code());
    }

    boolean availableAt(long time) {
        return reservedUntil <= time;
    }
}
