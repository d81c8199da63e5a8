package lv.sargs.bench.load;

import java.util.List;
import lv.sargs.sandbox.SandboxOptions;
import lv.sargs.sandbox.data.Company;
import lv.sargs.sandbox.data.Person;
import lv.sargs.sandbox.data.World;

/**
 * Prints the gateway's lookup paths for the subjects of the sandbox's world, one a line, for
 * {@link LoadClient}'s {@code --paths-file}: the same seed gives the same world the simulators
 * serve, so every path names a subject the registers know.
 *
 * <pre>
 * SandboxSubjects [--seed N (default: the sandbox's)] [--kind companies|persons] [--count N (default: all)]
 * </pre>
 */
public final class SandboxSubjects {

    private SandboxSubjects() {
    }

    public static void main(String[] args) {
        long seed = SandboxOptions.DEFAULT_SEED;
        String kind = "companies";
        int count = Integer.MAX_VALUE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--seed" -> seed = Long.parseLong(v);
                case "--kind" -> kind = v;
                case "--count" -> count = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + " (expected: --seed --kind --count)");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("option " + args[args.length - 1] + " has no value");
        }
        World world = World.generate(seed);
        List<String> paths = switch (kind) {
            case "companies" -> world.companies().stream().map(Company::registrationNumber)
                    .map(n -> "/v1/companies/" + n).toList();
            case "persons" -> world.persons().stream().map(Person::personalCode)
                    .map(c -> "/v1/persons/" + c).toList();
            default -> throw new IllegalArgumentException("--kind " + kind + " (expected: companies or persons)");
        };
        StringBuilder out = new StringBuilder();
        paths.stream().limit(count).forEach(p -> out.append(p).append('\n'));
        System.out.print(out);
    }
}
