package com.mmorpg.service.secrets;

import com.mmorpg.common.config.SecretPolicy;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile active, refuses to start when any secret is unset, a marked
 * development default, or shorter than 32 bytes. Without it, the development defaults let
 * {@code start-dev.sh} work with no set-up, but only on loopback: development secrets are
 * published in this repository, so a service that would serve them on any other interface
 * ({@code server.address} unset or not a loopback address) refuses to start unless
 * {@code ALLOW_DEV_SECRETS=true} says that is meant (docker-compose's local stack).
 */
public class ProductionSecretsGuard implements SmartInitializingSingleton, ApplicationContextAware {

    private final Environment environment;
    private final ObjectProvider<HoldsSecrets> holders;
    private boolean servesNetwork;

    public ProductionSecretsGuard(Environment environment, ObjectProvider<HoldsSecrets> holders) {
        this.environment = environment;
        this.holders = holders;
    }

    @Override
    public void setApplicationContext(ApplicationContext context) {
        servesNetwork = context instanceof WebServerApplicationContext;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<String, String> secrets = new TreeMap<>();
        holders.orderedStream().forEach(holder -> secrets.putAll(holder.secrets()));
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            refuseDevelopmentSecretsOffLoopback(secrets);
            return;
        }
        List<String> problems = new ArrayList<>();
        secrets.forEach((name, value) -> SecretPolicy.productionProblem(name, value).ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw new InsecureConfigurationException(problems);
        }
    }

    private void refuseDevelopmentSecretsOffLoopback(Map<String, String> secrets) {
        List<String> development = secrets.entrySet().stream()
                .filter(secret -> SecretPolicy.isPublished(secret.getValue()))
                .map(Map.Entry::getKey)
                .toList();
        String address = environment.getProperty("server.address", "");
        if (!servesNetwork || development.isEmpty() || isLoopback(address)
                || environment.getProperty("ALLOW_DEV_SECRETS", Boolean.class, false)) {
            return;
        }
        throw new InsecureConfigurationException(
                "Refusing to serve the published development value of " + String.join(", ", development) + " on "
                        + (address.isBlank() ? "every network interface" : address),
                "Bind to loopback (SERVER_ADDRESS=127.0.0.1, as start-dev.sh does), give real secrets (the prod profile "
                        + "checks them), or set ALLOW_DEV_SECRETS=true if this machine's network is yours alone.");
    }

    private static boolean isLoopback(String address) {
        if (address.isBlank()) {
            return false;
        }
        if (address.equalsIgnoreCase("localhost")) {
            return true;
        }
        try {
            return InetAddress.ofLiteral(address.strip()).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false; // a host name: whatever it resolves to later, it is not known to be loopback
        }
    }
}
