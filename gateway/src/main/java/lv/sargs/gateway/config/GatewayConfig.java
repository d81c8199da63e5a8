package lv.sargs.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The whole, validated configuration of one gateway, as loaded by {@link ConfigLoader}; immutable,
 * changed only by {@code withX} copies.
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
 * @param audit the audit trail's key and keeping; empty runs it unsigned and without subjects (DEGRADED)
 * @param risk indicator base levels and the incident threshold; empty uses the reference config's values
 */
public record GatewayConfig(ClientListenerConfig clientListener, ManagementListenerConfig managementListener,
                            List<ClientConfig> clients, TokenConfig token, Path dataDirectory,
                            Duration shutdownGrace, Optional<LookupsConfig> lookups,
                            Optional<StatisticsConfig> statistics, Optional<TreasuryConfig> treasury,
                            Optional<AuditConfig> audit, Optional<RiskConfig> risk) {

    public GatewayConfig {
        clients = List.copyOf(clients);
    }

    /** A config without {@code audit} and {@code risk} sections. */
    public GatewayConfig(ClientListenerConfig clientListener, ManagementListenerConfig managementListener,
                         List<ClientConfig> clients, TokenConfig token, Path dataDirectory, Duration shutdownGrace,
                         Optional<LookupsConfig> lookups, Optional<StatisticsConfig> statistics,
                         Optional<TreasuryConfig> treasury) {
        this(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace, lookups, statistics,
                treasury, Optional.empty(), Optional.empty());
    }

    public GatewayConfig withRisk(Optional<RiskConfig> value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace,
                lookups, statistics, treasury, audit, value);
    }

    public GatewayConfig withAudit(Optional<AuditConfig> value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace,
                lookups, statistics, treasury, value, risk);
    }

    public GatewayConfig withClientListener(ClientListenerConfig value) {
        return new GatewayConfig(value, managementListener, clients, token, dataDirectory, shutdownGrace, lookups,
                statistics, treasury, audit, risk);
    }

    public GatewayConfig withManagementListener(ManagementListenerConfig value) {
        return new GatewayConfig(clientListener, value, clients, token, dataDirectory, shutdownGrace, lookups,
                statistics, treasury, audit, risk);
    }

    public GatewayConfig withLookups(Optional<LookupsConfig> value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace,
                value, statistics, treasury, audit, risk);
    }

    public GatewayConfig withStatistics(Optional<StatisticsConfig> value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace,
                lookups, value, treasury, audit, risk);
    }

    public GatewayConfig withTreasury(Optional<TreasuryConfig> value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, shutdownGrace,
                lookups, statistics, value, audit, risk);
    }

    public GatewayConfig withShutdownGrace(Duration value) {
        return new GatewayConfig(clientListener, managementListener, clients, token, dataDirectory, value, lookups,
                statistics, treasury, audit, risk);
    }
}
