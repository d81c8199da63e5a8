package lv.sargs.gateway.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/** Reads the {@code clients} list: who may call, recognised by which certificate, from where. */
final class ClientsReader {

    private ClientsReader() {
    }

    /** The declared clients; null elements where a client has problems. */
    static Optional<List<ClientConfig>> read(Node clients) {
        return clients.list().map(items -> {
            List<ClientConfig> out = new ArrayList<>();
            for (Node item : items) {
                out.add(item.section().map(ClientsReader::client).orElse(null));
            }
            return out;
        });
    }

    private static ClientConfig client(Section s) {
        int before = s.problemsCount();
        String name = s.required("name", "a name for logs and audit, e.g. core-banking")
                .flatMap(n -> n.parse(Units::name)).orElse(null);
        ClientIdentity identity = s.required("certificate", "sha256, or subject and issuer")
                .flatMap(Node::section).map(ClientsReader::identity).orElse(null);
        List<Cidr> sources = s.required("sources", "the address blocks this client connects from")
                .flatMap(n -> ListenersReader.cidrs(n).map(list -> {
                    if (list.isEmpty()) {
                        n.problem("at least one address block; a client with none could never connect");
                    }
                    return list;
                })).orElse(null);
        Set<String> roles = s.required("roles", "a list of roles, e.g. [lookup]")
                .flatMap(ClientsReader::names).orElse(null);
        Set<String> purposes = s.required("purposes", "a list of purposes, e.g. [kyc, aml]")
                .flatMap(ClientsReader::names).orElse(null);
        long budget = s.optional("dailyFeeBudget").flatMap(n -> n.parse(Units::euroCents))
                .orElse(ClientConfig.NO_FEE_BUDGET);
        s.end();
        return s.problemsCount() > before ? null
                : new ClientConfig(name, identity, sources, roles, purposes, budget);
    }

    private static ClientIdentity identity(Section s) {
        boolean byFingerprint = s.has("sha256");
        boolean byName = s.has("subject") || s.has("issuer");
        ClientIdentity out = null;
        if (byFingerprint && byName) {
            s.problem("both sha256 and subject/issuer", "either sha256, or subject and issuer");
            s.optional("sha256");
            s.optional("subject");
            s.optional("issuer");
        } else if (byFingerprint) {
            out = s.required("sha256", "a SHA-256 fingerprint").flatMap(n -> n.parse(Units::sha256))
                    .map(ClientIdentity.Fingerprint::new).orElse(null);
        } else {
            X500Principal subject = s.required("subject", "the certificate's subject DN, e.g. CN=core-banking,O=Bank")
                    .flatMap(n -> n.parse(Units::distinguishedName)).orElse(null);
            X500Principal issuer = s.required("issuer", "the issuing CA's DN, e.g. CN=Bank Issuing CA,O=Bank")
                    .flatMap(n -> n.parse(Units::distinguishedName)).orElse(null);
            if (subject != null && issuer != null) {
                out = new ClientIdentity.SubjectAndIssuer(subject, issuer);
            }
        }
        s.end();
        return out;
    }

    /** A list of distinct names (roles, purposes), each as {@link Units#name} accepts it. */
    static Optional<Set<String>> names(Node node) {
        return node.list().map(items -> {
            Set<String> out = new LinkedHashSet<>();
            for (Node item : items) {
                item.parse(Units::name).ifPresent(n -> {
                    if (!out.add(n)) {
                        item.problem("each name once");
                    }
                });
            }
            return out;
        });
    }
}
