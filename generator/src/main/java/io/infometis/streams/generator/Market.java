package io.infometis.streams.generator;

import java.util.List;
import java.util.Map;

/** Fixed reference data: countries, currencies, the product catalogue and payment failure reasons. */
final class Market {

    /** A country users live in: its currency, and how many minor units one EUR cent is worth there. */
    record HomeCountry(String code, String currency, double centFactor, String ipPrefix) {}

    /** A country no background user ever logs in from (account takeovers come from here). */
    record ForeignCountry(String code, String ipPrefix) {}

    record Product(String sku, String category, long basePriceCents) {}

    static final List<HomeCountry> HOME_COUNTRIES = List.of(
            new HomeCountry("NL", "EUR", 1.0, "145.53"),
            new HomeCountry("DE", "EUR", 1.0, "91.64"),
            new HomeCountry("FR", "EUR", 1.0, "90.84"),
            new HomeCountry("ES", "EUR", 1.0, "83.44"),
            new HomeCountry("IT", "EUR", 1.0, "93.44"),
            new HomeCountry("BE", "EUR", 1.0, "81.82"),
            new HomeCountry("GB", "GBP", 0.86, "81.2"),
            new HomeCountry("US", "USD", 1.08, "73.162"),
            new HomeCountry("SE", "SEK", 11.4, "78.69"),
            new HomeCountry("PL", "PLN", 4.3, "83.29"),
            new HomeCountry("CH", "CHF", 0.95, "85.1"),
            // JPY has no minor unit: one EUR cent is about 1.6 yen.
            new HomeCountry("JP", "JPY", 1.6, "126.72"));

    static final List<ForeignCountry> FOREIGN_COUNTRIES = List.of(
            new ForeignCountry("BR", "177.71"), new ForeignCountry("NG", "105.112"),
            new ForeignCountry("VN", "113.161"), new ForeignCountry("ID", "36.67"),
            new ForeignCountry("RO", "86.120"), new ForeignCountry("UA", "91.196"),
            new ForeignCountry("KZ", "95.56"), new ForeignCountry("PH", "112.198"));

    static final List<String> CATEGORIES =
            List.of("electronics", "books", "fashion", "home", "toys", "sports", "beauty", "grocery");

    private static final Map<String, Long> CATEGORY_BASE_CENTS = Map.of(
            "electronics", 4_999L, "books", 899L, "fashion", 2_499L, "home", 1_999L,
            "toys", 1_299L, "sports", 2_999L, "beauty", 1_099L, "grocery", 349L);

    static final List<Product> CATALOGUE = catalogue();

    /** Cheap items card testers buy to probe a stolen card. */
    static final List<Product> PROBE_PRODUCTS = List.of(
            new Product("GIFT-0005", "gift-cards", 500L), new Product("GIFT-0010", "gift-cards", 1_000L),
            new Product("DIGI-0199", "digital", 199L));

    /** Expensive items bought with a taken-over account. */
    static final List<Product> LUXURY_PRODUCTS = List.of(
            new Product("ELEC-9001", "electronics", 129_900L), new Product("ELEC-9002", "electronics", 84_900L),
            new Product("FASH-9001", "fashion", 64_500L));

    static final List<String> BACKGROUND_FAILURE_REASONS =
            List.of("INSUFFICIENT_FUNDS", "CARD_DECLINED", "EXPIRED_CARD", "INCORRECT_CVC", "DO_NOT_HONOR");

    static final List<String> CARD_TESTING_FAILURE_REASONS =
            List.of("CARD_DECLINED", "INCORRECT_CVC", "EXPIRED_CARD", "DO_NOT_HONOR", "INCORRECT_NUMBER");

    /** Codes that are not ISO-4217 (checked by the tests against java.util.Currency). */
    static final List<String> NON_ISO_CURRENCIES = List.of("ZZZ", "QQQ", "EURO", "US$", "ABC");

    private Market() {}

    static HomeCountry home(String code) {
        return HOME_COUNTRIES.stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow();
    }

    /** The price in the currency's minor units, rounded to end in 9 the way shops like it. */
    static long price(Product product, HomeCountry country) {
        long minor = Math.round(product.basePriceCents() * country.centFactor());
        return Math.max(9, minor - minor % 10 + 9);
    }

    private static List<Product> catalogue() {
        List<Product> products = new java.util.ArrayList<>();
        for (String category : CATEGORIES) {
            String prefix = category.substring(0, 4).toUpperCase(java.util.Locale.ROOT);
            long base = CATEGORY_BASE_CENTS.get(category);
            for (int i = 1; i <= 5; i++) {
                products.add(new Product(prefix + "-" + (1000 + i), category, base * (2 + 3 * i) / 5));
            }
        }
        return List.copyOf(products);
    }
}
