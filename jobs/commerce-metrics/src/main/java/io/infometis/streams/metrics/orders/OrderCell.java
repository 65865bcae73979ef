package io.infometis.streams.metrics.orders;

/** Orders and revenue (minor units) of one country and category within one window and currency. */
public class OrderCell {

    public String country;
    public String category;
    public long orders;
    public long revenue;

    public OrderCell() {}

    public OrderCell(String country, String category) {
        this.country = country;
        this.category = category;
    }
}
