package lv.sargs.sandbox.fault;

import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What to do to the requests of one endpoint: added latency (log-normal, given by its median and
 * 99th percentile) and, by one draw per request, at most one fault — reset, stall, 5xx, truncated
 * body or malformed body — each with its own probability.
 *
 * <p>The text form, used by the launcher flag and the admin endpoint, is a comma-separated list of
 * {@code latency=200ms/2s}, {@code error=0.1}, {@code error-status=500}, {@code reset=0.05},
 * {@code stall=0.01/5s}, {@code truncate=0.01}, {@code malformed=0.01}; {@code none} is no fault.
 *
 * @param latencyMedian median added latency; zero for none
 * @param latencyP99 99th percentile added latency, at least the median
 * @param errorRate probability of a 5xx answer
 * @param errorStatus the 5xx status to answer with
 * @param resetRate probability of a connection reset
 * @param stallRate probability of a stall
 * @param stallDuration how long a stall holds the request
 * @param truncateRate probability of a truncated body
 * @param malformedRate probability of a malformed body
 */
public record FaultPlan(Duration latencyMedian, Duration latencyP99, double errorRate, int errorStatus,
                        double resetRate, double stallRate, Duration stallDuration, double truncateRate,
                        double malformedRate) {

    /** No latency, no faults. */
    public static final FaultPlan NONE = new FaultPlan(Duration.ZERO, Duration.ZERO, 0, 503, 0, 0,
            Duration.ofSeconds(5), 0, 0);

    /** z of the 99th percentile of the standard normal distribution. */
    private static final double Z99 = 2.3263478740408408;
    private static final long MAX_LATENCY_NANOS = Duration.ofMinutes(2).toNanos();

    public FaultPlan {
        if (latencyMedian.isNegative() || latencyP99.compareTo(latencyMedian) < 0) {
            throw new IllegalArgumentException("fault.latency: " + latencyMedian.toMillis() + "ms/"
                    + latencyP99.toMillis() + "ms (expected: 0 <= median <= p99)");
        }
        if (errorStatus < 500 || errorStatus > 599) {
            throw new IllegalArgumentException("fault.error-status: " + errorStatus + " (expected: 500-599)");
        }
        if (stallDuration.isNegative()) {
            throw new IllegalArgumentException("fault.stall: " + stallDuration + " (expected: not negative)");
        }
        rate("error", errorRate);
        rate("reset", resetRate);
        rate("stall", stallRate);
        rate("truncate", truncateRate);
        rate("malformed", malformedRate);
        double sum = errorRate + resetRate + stallRate + truncateRate + malformedRate;
        if (sum > 1.0 + 1e-9) {
            throw new IllegalArgumentException("fault rates: sum " + sum + " (expected: at most 1, one fault per request)");
        }
    }

    /** Adds latency with this median and 99th percentile. */
    public FaultPlan withLatency(Duration median, Duration p99) {
        return new FaultPlan(median, p99, errorRate, errorStatus, resetRate, stallRate, stallDuration, truncateRate,
                malformedRate);
    }

    /** Answers {@code status} (5xx) with this probability. */
    public FaultPlan withErrors(double rate, int status) {
        return new FaultPlan(latencyMedian, latencyP99, rate, status, resetRate, stallRate, stallDuration,
                truncateRate, malformedRate);
    }

    /** Resets the connection with this probability. */
    public FaultPlan withResets(double rate) {
        return new FaultPlan(latencyMedian, latencyP99, errorRate, errorStatus, rate, stallRate, stallDuration,
                truncateRate, malformedRate);
    }

    /** Holds the request for {@code duration} with this probability. */
    public FaultPlan withStalls(double rate, Duration duration) {
        return new FaultPlan(latencyMedian, latencyP99, errorRate, errorStatus, resetRate, rate, duration,
                truncateRate, malformedRate);
    }

    /** Truncates the body with this probability. */
    public FaultPlan withTruncatedBodies(double rate) {
        return new FaultPlan(latencyMedian, latencyP99, errorRate, errorStatus, resetRate, stallRate, stallDuration,
                rate, malformedRate);
    }

    /** Malforms the body with this probability. */
    public FaultPlan withMalformedBodies(double rate) {
        return new FaultPlan(latencyMedian, latencyP99, errorRate, errorStatus, resetRate, stallRate, stallDuration,
                truncateRate, rate);
    }

    /** Whether this plan changes nothing. */
    public boolean isNone() {
        return latencyMedian.isZero() && errorRate == 0 && resetRate == 0 && stallRate == 0 && truncateRate == 0
                && malformedRate == 0;
    }

    /** Parses the text form (see the type's documentation). */
    public static FaultPlan parse(String spec) {
        FaultPlan plan = NONE;
        if (spec == null || spec.isBlank() || spec.trim().equals("none")) {
            return plan;
        }
        for (String item : spec.split(",")) {
            String[] kv = item.trim().split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("fault: " + item + " (expected: name=value)");
            }
            String value = kv[1].trim();
            plan = switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "latency" -> {
                    String[] parts = value.split("/", 2);
                    Duration median = duration(parts[0]);
                    yield plan.withLatency(median, parts.length == 2 ? duration(parts[1]) : median);
                }
                case "error" -> plan.withErrors(number("error", value), plan.errorStatus);
                case "error-status" -> plan.withErrors(plan.errorRate, (int) number("error-status", value));
                case "reset" -> plan.withResets(number("reset", value));
                case "stall" -> {
                    String[] parts = value.split("/", 2);
                    yield plan.withStalls(number("stall", parts[0]),
                            parts.length == 2 ? duration(parts[1]) : plan.stallDuration);
                }
                case "truncate" -> plan.withTruncatedBodies(number("truncate", value));
                case "malformed" -> plan.withMalformedBodies(number("malformed", value));
                default -> throw new IllegalArgumentException("fault: " + kv[0]
                        + " (expected: latency, error, error-status, reset, stall, truncate or malformed)");
            };
        }
        return plan;
    }

    /** One request's fault, by a single draw over the cumulative probabilities. */
    Fault draw(SplittableRandom random) {
        double u = random.nextDouble();
        double[] rates = {resetRate, stallRate, errorRate, truncateRate, malformedRate};
        Fault[] faults = {Fault.RESET, Fault.STALL, Fault.ERROR, Fault.TRUNCATE, Fault.MALFORM};
        double edge = 0;
        for (int i = 0; i < rates.length; i++) {
            edge += rates[i];
            if (u < edge) {
                return faults[i];
            }
        }
        return Fault.NONE;
    }

    /** One request's added latency in nanoseconds, from the log-normal with this median and p99. */
    long sampleLatencyNanos(SplittableRandom random) {
        long median = latencyMedian.toNanos();
        long p99 = latencyP99.toNanos();
        if (median == 0 || p99 <= median) {
            return median;
        }
        double sigma = (Math.log(p99) - Math.log(median)) / Z99;
        double sample = Math.exp(Math.log(median) + sigma * gaussian(random));
        return (long) Math.min(sample, MAX_LATENCY_NANOS);
    }

    /** Box–Muller, since SplittableRandom has no Gaussian on Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException("fault." + name + ": " + value + " (expected: a probability 0-1)");
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault." + name + ": " + value + " (expected: a number)", e);
        }
    }

    private static Duration duration(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault duration: " + value + " (expected: e.g. 250ms or 3.5s)", e);
        }
        throw new IllegalArgumentException("fault duration: " + value + " (expected: e.g. 250ms or 3.5s)");
    }
}
