# SPDX-License-Identifier: Apache-2.0
# Shared by the delivery tests and tests/bench/send.sh (sourced; needs $adx).

# mk NAME ALG ISSUER|self PROFILE SUBJECT [SAN]: a key and certificate made
# with adx key, NAME.key and NAME.pem in the current directory. A CA lives
# longer than what it issues a few seconds later. With $mk_passphrase_file
# set, the key is encrypted with that passphrase. Any failure ends the script.
mk() {
  local name=$1 alg=$2 issuer=$3 profile=$4 subject=$5 san=${6:-} days=30 pass=()
  [[ $profile == root ]] && days=60
  [[ -n ${mk_passphrase_file:-} ]] && pass=(--passphrase-file "$mk_passphrase_file")
  local args=(--csr "$name.csr" --profile "$profile" --days "$days" -o "$name.pem")
  [[ -n $san ]] && args+=(--san "$san")
  if [[ $issuer == self ]]; then
    args+=(--ca-key "$name.key" --self-signed "${pass[@]/--passphrase-file/--ca-passphrase-file}")
  else
    args+=(--ca-key "$issuer.key" --ca-cert "$issuer.pem")
  fi
  "$adx" key gen --alg "$alg" "${pass[@]}" -o "$name.key" &&
    "$adx" key csr --key "$name.key" "${pass[@]}" --subject "$subject" -o "$name.csr" &&
    "$adx" key cert "${args[@]}" 2>"$name.err" || { echo "FAIL: adx key: $name" >&2; cat "$name.err" >&2; exit 1; }
}

# start_serve CONFIG [ENV=VALUE...]: adx serve in the background on the
# port CONFIG's listen gives (port 0: any), its standard error appended to
# serve.err; sets server_pid and port. Not listening within 10 s ends the script.
start_serve() {
  local config=$1; shift
  rm -f ready
  env "$@" "$adx" serve --config "$config" --ready-file ready 2>>serve.err &
  server_pid=$!
  for _ in $(seq 100); do [[ -s ready ]] && break; sleep 0.1; done
  [[ -s ready ]] || { echo "FAIL: adx serve did not start" >&2; cat serve.err >&2; exit 1; }
  port=$(cat ready)
}
