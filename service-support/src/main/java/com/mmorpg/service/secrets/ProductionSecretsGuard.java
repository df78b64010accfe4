package com.mmorpg.service.secrets;

import com.mmorpg.common.config.SecretPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * With the {@code prod} profile active, refuses to start when any secret is unset, a marked
 * development default, or shorter than 32 bytes. Without it, the development defaults let
 * {@code start-dev.sh} work with no set-up.
 */
public class ProductionSecretsGuard implements SmartInitializingSingleton {

    private final Environment environment;
    private final ObjectProvider<HoldsSecrets> holders;

    public ProductionSecretsGuard(Environment environment, ObjectProvider<HoldsSecrets> holders) {
        this.environment = environment;
        this.holders = holders;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!environment.acceptsProfiles(Profiles.of("prod"))) {
            return;
        }
        Map<String, String> secrets = new TreeMap<>();
        holders.orderedStream().forEach(holder -> secrets.putAll(holder.secrets()));
        List<String> problems = new ArrayList<>();
        secrets.forEach((name, value) -> SecretPolicy.productionProblem(name, value).ifPresent(problems::add));
        if (!problems.isEmpty()) {
            throw new InsecureConfigurationException(problems);
        }
    }
}
