package jp.coordination.events.household;

/**
 * Why a household leaves the register (登録解除の理由). CONSENT_WITHDRAWN also triggers erasure of
 * personal data.
 */
public enum DeregistrationReason {
  MOVED_OUT_OF_REGION,
  DECEASED,
  NO_LONGER_AT_RISK,
  CONSENT_WITHDRAWN
}
