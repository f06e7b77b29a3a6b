package jp.coordination.command.personaldata;

/** The household's data key was destroyed: its personal data was erased and stays erased. */
public class KeyDestroyedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KeyDestroyedException(String householdId) {
    super("The personal data of household " + householdId + " was erased.");
  }
}
