package io.infometis.streams.bench.report;

/** Resident memory of one process after the run, and its peak. */
public record ComponentMemory(String component, long pid, long residentBytes, long peakResidentBytes)
        implements java.io.Serializable {

    public String residentMiB() {
        return String.format("%.0f", residentBytes / (1024.0 * 1024));
    }

    public String peakMiB() {
        return String.format("%.0f", peakResidentBytes / (1024.0 * 1024));
    }
}
