#!/bin/sh
# Local demo only: creates the namespace and registers Timely's custom search attributes
# (platform/search-attributes.ts). Idempotent. Uses TEMPORAL_ADDRESS and TEMPORAL_NAMESPACE.
set -eu
ns="${TEMPORAL_NAMESPACE:-default}"
# The CLI is happier with an IPv4 address than with a name that may resolve to IPv6 first.
addr="${TEMPORAL_ADDRESS:-temporal:7233}"
ip=$(getent ahostsv4 "${addr%:*}" | awk 'NR==1 { print $1 }')
export TEMPORAL_ADDRESS="${ip:-${addr%:*}}:${addr##*:}"

until temporal operator cluster health >/dev/null 2>&1; do echo "waiting for Temporal..."; sleep 2; done

temporal operator namespace describe --namespace "$ns" >/dev/null 2>&1 \
  || temporal operator namespace create --namespace "$ns" --retention 72h

for attr in AccountId TimelyStatus; do
  if temporal operator search-attribute list --namespace "$ns" | grep -qw "$attr"; then
    echo "search attribute $attr exists"
  else
    temporal operator search-attribute create --namespace "$ns" --name "$attr" --type Keyword
  fi
done
echo "namespace $ns is ready"
