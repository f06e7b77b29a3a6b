package jp.coordination.query.region;

import java.util.List;
import jp.coordination.events.region.LocalizedName;
import jp.coordination.events.region.Region;
import jp.coordination.events.region.Ward;
import jp.coordination.platform.security.WardAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/wards}: the wards of the region the caller may see, with Japanese and English names. */
@RestController
class WardController {

  /** One ward as listed. */
  record WardResponse(String code, LocalizedName name) {}

  private final Region region;

  WardController(Region region) {
    this.region = region;
  }

  @GetMapping("/api/wards")
  List<WardResponse> wards(Authentication caller) {
    return region.wards().stream()
        .filter(w -> WardAccess.mayAccess(caller, w.code()))
        .map(WardController::response)
        .toList();
  }

  private static WardResponse response(Ward ward) {
    return new WardResponse(ward.code(), ward.name());
  }
}
