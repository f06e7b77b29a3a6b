package jp.coordination.infra.stack;

/** Placeholder: replaced by the local stack launcher. */
public final class LocalStack {
  public static void main(String[] args) {}
}
