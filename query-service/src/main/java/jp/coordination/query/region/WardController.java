package jp.coordination.query.region;

import java.util.List;
import jp.coordination.events.region.LocalizedName;
import jp.coordination.events.region.Region;
import jp.coordination.platform.security.WardAccess;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/wards}: the wards of the region the caller may see, with Japanese and English
 * names.
 */
@RestController
class WardController {

  /**
   * One ward as listed, with what the region calls its units ({@code 区}/ward in a city, {@code
   * 市町村}/municipality in a wide-area region), so that a page labels them as the region does.
   */
  record WardResponse(String code, LocalizedName name, LocalizedName unit) {}

  private final Region region;

  WardController(Region region) {
    this.region = region;
  }

  @GetMapping("/api/wards")
  List<WardResponse> wards(Authentication caller) {
    return region.wards().stream()
        .filter(w -> WardAccess.mayAccess(caller, w.code()))
        .map(w -> new WardResponse(w.code(), w.name(), region.unit()))
        .toList();
  }
}
