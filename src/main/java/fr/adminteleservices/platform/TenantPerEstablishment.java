package fr.adminteleservices.platform;

import fr.adminteleservices.security.Roles;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.springframework.stereotype.Component;

/**
 * Process definitions are shared by all establishments; each instance belongs to the tenant of the
 * establishment it works for, given by its {@code uai} variable. Tasks inherit it, so the tenant
 * check shows a head only their establishment's tasks and instances. An instance that works for no
 * establishment (rollover, replication) belongs to the académie's tenant, which heads are not members of:
 * no instance is left without a tenant, visible to everyone.
 */
@Component
class TenantPerEstablishment extends AbstractProcessEnginePlugin implements TenantIdProvider {

    public static final String UAI_VARIABLE = "uai";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setTenantIdProvider(this);
    }

    @Override
    public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext ctx) {
        if (ctx.getSuperExecution() != null) {
            return ctx.getSuperExecution().getTenantId();
        }
        Object uai = ctx.getVariables() == null ? null : ctx.getVariables().get(UAI_VARIABLE);
        return uai instanceof String s && !s.isBlank() ? s : Roles.ACADEMY_TENANT;
    }

    @Override
    public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext ctx) {
        return null;
    }

    @Override
    public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext ctx) {
        return ctx.getExecution() != null ? ctx.getExecution().getTenantId() : null;
    }
}
