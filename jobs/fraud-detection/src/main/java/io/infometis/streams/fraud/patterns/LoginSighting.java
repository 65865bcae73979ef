package io.infometis.streams.fraud.patterns;

/** A login waiting for the watermark, so logins are judged in event-time order (Flink POJO). */
public class LoginSighting {

    public String eventId;
    public String country;
    public long eventTime;

    public LoginSighting() {}

    public LoginSighting(String eventId, String country, long eventTime) {
        this.eventId = eventId;
        this.country = country;
        this.eventTime = eventTime;
    }
}
