# Sourced by the scripts whose checks count as tests in build/test.sh (pack-test.sh, slurm-test.sh): `record` prints
# each check as PASS or FAIL, `finish` the line "NAME: N passed, N failed" that test.sh adds up, and fails if any did.
# The sourcing script sets checks_name first.
passed=0
failed=0
record() {  # record NAME OK(true|false) [DETAIL]
  if [[ "$2" == true ]]; then
    passed=$((passed + 1))
    echo "PASS $1"
  else
    failed=$((failed + 1))
    echo "FAIL $1${3:+: $3}"
  fi
}
finish() {
  echo "$checks_name: $passed passed, $failed failed"
  [[ $failed -eq 0 ]]
}
