package io.infometis.streams.fraud.patterns;

import io.infometis.streams.events.UserEvent;
import io.infometis.streams.events.UserEventType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Per user (keyed by user id): the countries they have logged in from, in keyed state with a TTL, and the first
 * two steps of an account takeover: a login from a country not seen before, and a password or e-mail change.
 *
 * <p>The first login ever seen for a user (or after the TTL forgot them) only establishes the baseline. Logins are
 * buffered until the watermark passes them and judged in event-time order, so an out-of-order delivery (within the
 * watermark bound) of the baseline login and a later one cannot swap which one is "new". Changes need no ordering
 * here (CEP orders its input by event time) and go straight through.
 */
public final class KnownCountriesFunction extends KeyedProcessFunction<String, UserEvent, UserActivity> {

    private static final long serialVersionUID = 1L;

    private final Duration knownCountriesTtl;
    private transient MapState<String, Long> knownCountries;
    private transient MapState<Long, List<LoginSighting>> pendingLogins;

    public KnownCountriesFunction(Duration knownCountriesTtl) {
        this.knownCountriesTtl = knownCountriesTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> known = new MapStateDescriptor<>("known-countries", Types.STRING, Types.LONG);
        // Refreshed on every login from the country; a country not used for the whole TTL is forgotten.
        known.enableTimeToLive(StateTtlConfig.newBuilder(knownCountriesTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        knownCountries = getRuntimeContext().getMapState(known);
        pendingLogins = getRuntimeContext().getMapState(new MapStateDescriptor<>("pending-logins", Types.LONG,
                Types.LIST(Types.POJO(LoginSighting.class))));
    }

    @Override
    public void processElement(UserEvent event, Context ctx, Collector<UserActivity> out) throws Exception {
        long time = event.getEventTime().toEpochMilli();
        UserEventType type = event.getType();
        if (type == UserEventType.PASSWORD_CHANGED || type == UserEventType.EMAIL_CHANGED) {
            out.collect(UserActivity.of(event.getUserId(), event.getEventId(), time,
                    UserActivity.Kind.CREDENTIAL_CHANGE, type.name()));
        } else if (type == UserEventType.LOGIN) {
            LoginSighting login = new LoginSighting(event.getEventId(), event.getCountry(), time);
            if (time <= ctx.timerService().currentWatermark()) {
                // Late ones are filtered out before this operator; judge a straggler at once rather than drop it.
                judge(event.getUserId(), login, out);
                return;
            }
            List<LoginSighting> atTime = pendingLogins.get(time);
            if (atTime == null) {
                atTime = new ArrayList<>();
            }
            atTime.add(login);
            pendingLogins.put(time, atTime);
            ctx.timerService().registerEventTimeTimer(time);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<UserActivity> out) throws Exception {
        List<LoginSighting> logins = pendingLogins.get(timestamp);
        if (logins == null) {
            return;
        }
        pendingLogins.remove(timestamp);
        logins.sort(Comparator.comparing(l -> l.eventId));
        for (LoginSighting login : logins) {
            judge(ctx.getCurrentKey(), login, out);
        }
    }

    private void judge(String userId, LoginSighting login, Collector<UserActivity> out) throws Exception {
        // The iterator, not isEmpty(): only the iterator skips entries whose TTL has expired.
        boolean baseline = !knownCountries.keys().iterator().hasNext();
        if (!baseline && !knownCountries.contains(login.country)) {
            out.collect(UserActivity.of(userId, login.eventId, login.eventTime, UserActivity.Kind.NEW_COUNTRY_LOGIN,
                    login.country));
        }
        knownCountries.put(login.country, login.eventTime);
    }
}
