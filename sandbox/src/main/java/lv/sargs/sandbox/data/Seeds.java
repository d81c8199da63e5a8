package lv.sargs.sandbox.data;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Derives an independent random stream from (seed, stream, index), so that each generated
 * attribute depends on nothing but these three: the same seed gives the same world in any order.
 */
final class Seeds {

    private Seeds() {
    }

    static SplittableRandom rng(long seed, Stream stream, int index) {
        return new SplittableRandom(mix(mix(seed) + mix(stream.ordinal() * 0x9E3779B97F4A7C15L + index)));
    }

    static <T> T pick(SplittableRandom rng, List<T> from) {
        return from.get(rng.nextInt(from.size()));
    }

    /** SplitMix64's finalizer: a bijective avalanche over 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * A permutation of {@code [0, modulus)}: index × multiplier + offset, the multiplier coprime to
     * the power-of-ten modulus, so distinct indexes below the modulus never share a value.
     */
    static long scramble(long seed, Stream stream, long index, long multiplier, long modulus) {
        long offset = Math.floorMod(mix(seed ^ mix(stream.ordinal() + 1L)), modulus);
        return Math.floorMod(index * multiplier + offset, modulus);
    }

    /** One stream per generated attribute, so adding one never shifts another. */
    enum Stream {
        PERSON_NAME, PERSON_BIRTH, PERSON_CODE, PERSON_STATUS, PERSON_ADDRESS, PERSON_DOCUMENTS, NEW_CODE, DOCUMENT_NO,
        COMPANY, COMPANY_NO, COMPANY_OFFICERS, COMPANY_OWNERS, COMPANY_FATE, INSTITUTION, INSTITUTION_NO,
        ACCOUNTS, FOREIGNER_NO, PERSON_CODE_CHANGE
    }
}
