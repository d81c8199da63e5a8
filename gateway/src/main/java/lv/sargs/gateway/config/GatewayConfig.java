package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration of one gateway, as loaded by {@link ConfigLoader}; immutable.
 *
 * @param clientListener the HTTPS endpoint for the bank's core systems
 * @param managementListener health, readiness, status and metrics for operators
 * @param clients the core systems allowed to call, by certificate
 * @param token where the private keys live
 * @param dataDirectory where the gateway keeps its stores (cache, audit); must exist
 * @param shutdownGrace how long in-flight requests may run on after SIGTERM
 * @param lookups register lookups; empty when this gateway does none
 * @param statistics the statistics capability for Latvijas Banka; empty when the section is absent (off)
 * @param treasury Treasury payments and reports through eKase; empty when this gateway does none
 * @param threads the sizes of the shared thread pools and event loops
 * @param operator alarm thresholds and status LEDs ({@link OperatorConfig#DEFAULTS} when the section is absent)
 * @param audit the audit trail's key and keeping; empty runs it unsigned and without subjects (DEGRADED)
 * @param risk indicator base levels and the incident threshold; empty uses the reference config's values
 */
public record GatewayConfig(ClientListenerConfig clientListener, ManagementListenerConfig managementListener,
                            List<ClientConfig> clients, TokenConfig token, Path dataDirectory,
                            Duration shutdownGrace, Optional<LookupsConfig> lookups,
                            Optional<StatisticsConfig> statistics, Optional<TreasuryConfig> treasury,
                            ThreadsConfig threads, OperatorConfig operator, Optional<AuditConfig> audit,
                            Optional<RiskConfig> risk) {

    public GatewayConfig {
        clients = List.copyOf(clients);
    }

    /** This config with other clients (drop-ins merged at load). */
    public GatewayConfig withClients(List<ClientConfig> value) {
        return new GatewayConfig(clientListener, managementListener, value, token, dataDirectory, shutdownGrace,
                lookups, statistics, treasury, threads, operator, audit, risk);
    }

    /** This config with another client listener (its allow-list widened by drop-ins at load). */
    public GatewayConfig withClientListener(ClientListenerConfig value) {
        return new GatewayConfig(value, managementListener, clients, token, dataDirectory, shutdownGrace, lookups,
                statistics, treasury, threads, operator, audit, risk);
    }
}
