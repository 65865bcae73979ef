package io.infometis.streams.fraud.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/**
 * The rule windows' state and hit classes are Flink POJOs: a field Flink cannot analyse would turn the whole class
 * into a Kryo generic type, slower per hit and without POJO schema evolution, so a savepoint of the previous build
 * would no longer restore.
 */
class RuleStateTypesTest {

    @Test
    void hitsBucketsWindowsAndSpecsAreFlinkPojosWithEveryField() {
        assertThat(TypeInformation.of(RuleHit.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                pojo -> assertThat(pojo.getArity()).isEqualTo(8));
        assertThat(TypeInformation.of(WindowBucket.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                pojo -> assertThat(pojo.getArity()).isEqualTo(8));
        assertThat(TypeInformation.of(GroupWindows.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                pojo -> assertThat(pojo.getArity()).isEqualTo(8));
        assertThat(TypeInformation.of(WindowSpec.class)).isInstanceOfSatisfying(PojoTypeInfo.class,
                pojo -> assertThat(pojo.getArity()).isEqualTo(4));
    }
}
