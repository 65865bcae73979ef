package io.infometis.streams.sinks.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PiiMaskingTest {

    @Test
    void eMailAddressesAreReplacedWhole() {
        assertThat(PiiMasking.mask("changed to jan.de-vries+shop@mail.example.co.uk, then order o-1"))
                .isEqualTo("changed to [email], then order o-1");
    }

    @Test
    void ipv4AddressesKeepOnlyTheirSlash24EvenAtTheEndOfASentence() {
        assertThat(PiiMasking.mask("ip_address=203.0.113.77 over 3 events")).isEqualTo("ip_address=203.0.113.0/24 over 3 events");
        assertThat(PiiMasking.mask("login from 198.51.100.9.")).isEqualTo("login from 198.51.100.0/24.");
        assertThat(PiiMasking.mask("10.0.0.1")).isEqualTo("10.0.0.0/24");
    }

    @Test
    void ipv6AddressesKeepOnlyTheirSlash48AndMappedIpv4IsMaskedAsIpv4() {
        assertThat(PiiMasking.mask("from 2001:db8:85a3::8a2e:370:7334 at night"))
                .isEqualTo("from 2001:db8:85a3:0:0:0:0:0/48 at night");
        assertThat(PiiMasking.mask("key fe80::1")).isEqualTo("key fe80:0:0:0:0:0:0:0/48");
        assertThat(PiiMasking.mask("::ffff:192.0.2.128")).isEqualTo("192.0.2.0/24");
    }

    @Test
    void whatIsNoAddressStaysAsItWas() {
        String summary = "rule r-1 v2: count = 4 >= 3 for user_id=u-17 over 4 payments events in "
                + "[2026-03-01T10:00:00Z, 2026-03-01T10:05:00Z) (version 1.2.3.4.5, 10:00:00, 1.2.3.999, Foo::bar, ::)";
        assertThat(PiiMasking.mask(summary)).isEqualTo(summary);
        assertThat(PiiMasking.containsPii(summary)).isFalse();
        assertThat(PiiMasking.mask((String) null)).isNull();
        assertThat(PiiMasking.mask("3f2a9c0d-51e1-4c7b-9a55-2b8f0e6a1d44")).isEqualTo("3f2a9c0d-51e1-4c7b-9a55-2b8f0e6a1d44");
    }

    @Test
    void maskingMaskedTextChangesNothing() {
        String once = PiiMasking.mask("a@b.example 203.0.113.77 2001:db8:1::5 ::ffff:192.0.2.1");
        assertThat(once).isEqualTo("[email] 203.0.113.0/24 2001:db8:1:0:0:0:0:0/48 192.0.2.0/24");
        assertThat(PiiMasking.mask(once)).isEqualTo(once);
        assertThat(PiiMasking.containsPii(once)).isFalse();
    }

    @Test
    void listsAreMaskedElementByElement() {
        assertThat(PiiMasking.mask(List.of("x@y.example", "ok"))).containsExactly("[email]", "ok");
    }
}
