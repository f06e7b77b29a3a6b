package jp.coordination.query.admission;

import io.swagger.v3.oas.models.OpenAPI;
import jp.coordination.platform.admission.AdmissionLimit;
import jp.coordination.platform.apidocs.ProblemResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The OpenAPI description states the 503 of the read admission limit on exactly the operations the
 * limit covers, as the limit itself answers which those are.
 */
@Component
class AdmissionInApiDescription implements OpenApiCustomizer {
  private final ObjectProvider<AdmissionLimit> readAdmission;

  AdmissionInApiDescription(ObjectProvider<AdmissionLimit> readAdmission) {
    this.readAdmission = readAdmission;
  }

  @Override
  public void customise(OpenAPI openApi) {
    AdmissionLimit limit = readAdmission.getIfAvailable();
    if (limit == null) {
      return;
    }
    ProblemResponses.forEachOperation(
        openApi,
        (path, method, operation) -> {
          if (limit.limits(method.name(), path)) {
            operation
                .getResponses()
                .putIfAbsent(
                    "503",
                    ProblemResponses.problem(
                        "Overloaded: as many reads in progress as the service takes; nothing was done, send it again after"
                            + " Retry-After (urn:coordination:problem:overloaded)."));
          }
        });
  }
}
