package lv.sargs.gateway.config;

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
        if (c.token() instanceof TokenConfig.Demo) {
            if (!client.isLoopback()) {
                problems.add("token.demo", "true", "a pkcs11 token: the demo token (NOT FOR PRODUCTION) is allowed only"
                        + " with a loopback listeners.client.bind, and it is " + client);
            }
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
