package io.infometis.streams.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void cpuTimeIsUserPlusSystemTicksAfterTheCommandEvenWhenItHoldsSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime ...
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 123 456";

        assertThat(ProcFs.cpuNanosFromStat(stat)).isEqualTo(3_000_000_000L); // (250 + 50) ticks of 10 ms
    }

    @Test
    void ownProcessHasCpuTimeAndResidentMemory() {
        long pid = ProcFs.ownPid();

        assertThat(ProcFs.cpuNanos(pid).orElseThrow()).isPositive();
        assertThat(ProcFs.residentBytes(pid).orElseThrow()).isGreaterThan(1024 * 1024);
        assertThat(ProcFs.peakResidentBytes(pid).getAsLong()).isGreaterThanOrEqualTo(ProcFs.residentBytes(pid).getAsLong());
    }

    @Test
    void aProcessThatIsGoneHasNoReadings() {
        assertThat(ProcFs.cpuNanos(Long.MAX_VALUE)).isEmpty();
        assertThat(ProcFs.residentBytes(Long.MAX_VALUE)).isEmpty();
    }
}
