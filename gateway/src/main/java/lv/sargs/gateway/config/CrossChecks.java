package lv.sargs.gateway.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Rules between sections, checked once every section read cleanly. */
final class CrossChecks {

    private CrossChecks() {
    }

    static void check(GatewayConfig c, Problems problems) {
        Map<String, Integer> names = new HashMap<>();
        Map<ClientIdentity, Integer> identities = new HashMap<>();
        List<ClientConfig> clients = c.clients();
        for (int i = 0; i < clients.size(); i++) {
            ClientConfig client = clients.get(i);
            Integer first = names.putIfAbsent(client.name(), i);
            if (first != null) {
                problems.add("clients[" + i + "].name", client.name(), "a name no other client has (clients["
                        + first + "] has it)");
            }
            Integer same = identities.putIfAbsent(client.identity(), i);
            if (same != null) {
                problems.add("clients[" + i + "].certificate", client.identity().toString(),
                        "a certificate no other client is recognised by (clients[" + same + "] is)");
            }
            for (int j = 0; j < client.sources().size(); j++) {
                Cidr source = client.sources().get(j);
                if (c.clientListener().allowList().stream().noneMatch(a -> covers(a, source))) {
                    problems.add("clients[" + i + "].sources[" + j + "]", source.toString(),
                            "a block inside listeners.client.allowList, or this client can never connect");
                }
            }
        }
        Endpoint client = c.clientListener().bind();
        Endpoint management = c.managementListener().bind();
        if (client.port() != 0 && client.port() == management.port() && overlap(client, management)) {
            problems.add("listeners.management.bind", management.toString(),
                    "a port other than listeners.client.bind's " + client.port());
        }
        c.treasury().ifPresent(t -> treasury(c.clientListener().limits(), t, problems));
        c.treasury().ifPresent(t -> {
            long payments = c.clientListener().bodyLimits().payments();
            if (payments < t.xml().maxBytes() && c.clientListener().limits().maxBodyBytes() >= t.xml().maxBytes()) {
                problems.add("listeners.client.bodyLimits.payments", Units.showSize(payments), "at least"
                        + " treasury.xml.maxBytes " + Units.showSize(t.xml().maxBytes())
                        + ", or a payment the parser admits is refused 413 by the listener");
            }
        });
        if (c.token() instanceof TokenConfig.Demo) {
            if (!client.isLoopback()) {
                problems.add("token.demo", "true", "a pkcs11 token: the demo token (NOT FOR PRODUCTION) is allowed only"
                        + " with a loopback listeners.client.bind, and it is " + client);
            }
        }
    }

    /**
     * A payment document the XML bounds admit must fit the listener's body limit, and a report
     * asked of eKase must be answered (or failed as 502) within the client's request budget: the
     * report routes share the listener's one budget, so the eKase exchange must end before it.
     */
    private static void treasury(Limits limits, TreasuryConfig t, Problems problems) {
        if (limits.maxBodyBytes() < t.xml().maxBytes()) {
            problems.add("treasury.xml.maxBytes", Units.showSize(t.xml().maxBytes()), "at most "
                    + "listeners.client.limits.maxBodySize " + Units.showSize(limits.maxBodyBytes())
                    + ", or a payment the parser admits is refused 413 by the listener");
        }
        Duration exchange = t.ekase().connectTimeout().plus(t.ekase().requestTimeout());
        if (exchange.compareTo(limits.requestTimeout()) >= 0) {
            problems.add("treasury.ekase.requestTimeout", Units.show(t.ekase().requestTimeout()), "with connectTimeout "
                    + Units.show(t.ekase().connectTimeout()) + " together below listeners.client.limits.requestTimeout "
                    + Units.show(limits.requestTimeout()) + ", so a slow eKase report is a 502 rather than a 504"
                    + " with the exchange still running");
        }
    }

    /** Whether block {@code inner} lies wholly inside block {@code outer}. */
    static boolean covers(Cidr outer, Cidr inner) {
        String text = inner.toString();
        int slash = text.indexOf('/');
        byte[] network = Units.ipLiteral(slash < 0 ? text : text.substring(0, slash), "an address").getAddress();
        return outer.isIpv6() == inner.isIpv6() && outer.prefix() <= inner.prefix() && outer.contains(network);
    }

    private static boolean overlap(Endpoint a, Endpoint b) {
        return a.host().equals(b.host()) || isWildcard(a.host()) || isWildcard(b.host());
    }

    private static boolean isWildcard(String host) {
        return Units.ipLiteral(host, "an address").isAnyLocalAddress();
    }
}
