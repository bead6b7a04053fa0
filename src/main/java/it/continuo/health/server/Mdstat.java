package it.continuo.health.server;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parser of {@code /proc/mdstat}, the kernel's summary of Linux software RAID arrays. An array is
 * a line {@code md0 : active raid1 sdb1[1](F) sda1[0]} (members with their role number in brackets
 * and flags: (F) faulty, (S) spare, (W) write-mostly, (R) replacement), then indented lines: {@code
 * 976630336 blocks super 1.2 [2/1] [U_]} (disks wanted / disks working, one U or _ per role) and,
 * while the kernel works on it, {@code [==>...] recovery = 12.6% (…) finish=127.5min
 * speed=33440K/sec}.
 */
final class Mdstat {
  private static final Pattern ARRAY = Pattern.compile("^(md\\S*)\\s*:\\s*(.*)$");
  private static final Pattern MEMBER =
      Pattern.compile("([^\\s\\[]+)\\[(\\d+)\\]((?:\\([A-Z]\\))*)");
  private static final Pattern DISKS = Pattern.compile("\\[(\\d+)/(\\d+)\\]\\s+\\[([U_]+)\\]");
  private static final Pattern PROGRESS =
      Pattern.compile("\\b(recovery|resync|reshape|check|repair)\\s*=\\s*([\\d.]+)%");
  private static final Pattern PENDING =
      Pattern.compile("\\b(recovery|resync|reshape|check|repair)\\s*=\\s*(DELAYED|PENDING)");
  private static final Pattern FINISH = Pattern.compile("finish=([\\d.]+)min");

  private Mdstat() {}

  /**
   * One array.
   *
   * @param name e.g. md0
   * @param active false for an inactive (not started) array
   * @param level e.g. raid1, raid5, linear; empty for an inactive array, which has none
   * @param members its member devices, as listed
   * @param wanted how many disks the array is made of; 0 where mdstat does not say (raid0, linear)
   * @param working how many of them work
   * @param roles one U (working) or _ (missing) per role, empty where mdstat does not say
   * @param progress what the kernel is doing to it, or null
   */
  record Array(
      String name,
      boolean active,
      String level,
      List<Member> members,
      int wanted,
      int working,
      String roles,
      Progress progress) {

    Array {
      members = List.copyOf(members);
    }

    /** The disks that work: right after a failure the counts lag ([2/2] [U_]), the roles not. */
    int workingDisks() {
      return roles.isEmpty() ? working : (int) roles.chars().filter(c -> c == 'U').count();
    }

    List<String> failed() {
      return members.stream().filter(Member::faulty).map(Member::device).toList();
    }
  }

  /**
   * @param device e.g. sdb1
   * @param role its slot in the array
   * @param faulty marked (F)
   * @param spare marked (S)
   */
  record Member(String device, int role, boolean faulty, boolean spare) {}

  /**
   * @param action recovery (rebuilding onto a new disk), resync (making copies agree, e.g. after an
   *     unclean shutdown), reshape, check or repair (a scrub)
   * @param percent how far, 0–100; negative while DELAYED or PENDING
   * @param finishMinutes the kernel's estimate of minutes left, negative when it gives none
   */
  record Progress(String action, double percent, double finishMinutes) {}

  static List<Array> parse(String text) {
    List<Array> arrays = new ArrayList<>();
    Builder current = null;
    for (String line : text.split("\n")) {
      Matcher a = ARRAY.matcher(line);
      if (a.matches()) {
        if (current != null) {
          arrays.add(current.build());
        }
        current = new Builder(a.group(1), a.group(2));
      } else if (current != null && !line.isBlank() && Character.isWhitespace(line.charAt(0))) {
        current.detail(line);
      } else if (current != null) {
        arrays.add(current.build());
        current = null;
      }
    }
    if (current != null) {
      arrays.add(current.build());
    }
    return arrays;
  }

  private static final class Builder {
    private final String name;
    private boolean active;
    private String level = "";
    private final List<Member> members = new ArrayList<>();
    private int wanted;
    private int working;
    private String roles = "";
    private Progress progress;

    Builder(String name, String rest) {
      this.name = name;
      for (String token : rest.trim().split("\\s+")) {
        Matcher m = MEMBER.matcher(token);
        if (token.equals("active")) {
          active = true;
        } else if (token.equals("inactive") || token.startsWith("(")) {
          continue; // (auto-read-only), (read-only)
        } else if (m.matches()) {
          String flags = m.group(3);
          members.add(
              new Member(
                  m.group(1),
                  Integer.parseInt(m.group(2)),
                  flags.contains("(F)"),
                  flags.contains("(S)")));
        } else if (level.isEmpty() && members.isEmpty()) {
          level = token;
        }
      }
    }

    void detail(String line) {
      Matcher d = DISKS.matcher(line);
      if (d.find()) {
        wanted = Integer.parseInt(d.group(1));
        working = Integer.parseInt(d.group(2));
        roles = d.group(3);
      }
      Matcher p = PROGRESS.matcher(line);
      Matcher pending = PENDING.matcher(line);
      if (p.find()) {
        Matcher f = FINISH.matcher(line);
        progress =
            new Progress(
                p.group(1),
                Double.parseDouble(p.group(2)),
                f.find() ? Double.parseDouble(f.group(1)) : -1);
      } else if (pending.find()) {
        progress = new Progress(pending.group(1), -1, -1);
      }
    }

    Array build() {
      return new Array(name, active, level, members, wanted, working, roles, progress);
    }
  }
}
