package io.infometis.streams.fraud.late;

import io.infometis.streams.common.deadletter.DeadLetter;
import io.infometis.streams.fraud.events.EventAccess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Late events as dead letters: reason "late event", the event as Avro JSON (readable in the dlq as it is). */
public final class LateEvents {

    public static final String REASON = "late event";

    /** The side output every late event of the job goes to. */
    public static final OutputTag<DeadLetter> TAG = new OutputTag<>("late-events", TypeInformation.of(DeadLetter.class));

    private LateEvents() {}

    public static <T extends SpecificRecord> DeadLetter deadLetter(String jobName, String topic, EventAccess<T> access,
            T event, long watermark) {
        long time = access.eventTime(event);
        DeadLetter letter = DeadLetter.of(jobName, topic, access.key(event), json(event),
                REASON + ": event_time " + Instant.ofEpochMilli(time) + " is not after the watermark "
                        + Instant.ofEpochMilli(watermark) + " (beyond watermark.out-of-orderness); event "
                        + access.eventId(event));
        letter.errorClass = "late-event";
        return letter;
    }

    /** Avro's own JSON encoding: the original bytes are gone after decoding, this keeps every field. */
    static byte[] json(SpecificRecord record) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            JsonEncoder encoder = EncoderFactory.get().jsonEncoder(record.getSchema(), out);
            new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + record.getSchema().getName() + " as JSON", e);
        }
    }
}
