package io.infometis.streams.enrichment.compute;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Optional;

/** Minor to major units through the JDK's ISO-4217 table ({@link Currency}), e.g. 1999 EUR cents to 19.99. */
public final class CurrencyUnits {

    private CurrencyUnits() {}

    /** The ISO-4217 currency with a defined number of minor-unit digits, or empty (unknown code, or e.g. XXX). */
    public static Optional<Currency> lookup(String code) {
        if (code == null || code.length() != 3) {
            return Optional.empty();
        }
        try {
            Currency currency = Currency.getInstance(code);
            return currency.getDefaultFractionDigits() < 0 ? Optional.empty() : Optional.of(currency);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }

    /** {@code minor / 10^digits}; the currency must be known (validated at the source). */
    public static double toMajor(long minor, String currencyCode) {
        Currency currency = lookup(currencyCode)
                .orElseThrow(() -> new IllegalArgumentException("not an ISO-4217 currency: " + currencyCode));
        return BigDecimal.valueOf(minor, currency.getDefaultFractionDigits()).doubleValue();
    }
}
