// INTROSPECTION=false: no introspection, no "Did you mean …" suggestions that give the schema
// away, and `_service` (the federation SDL) for admin keys only, so gateways still compose.
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import { guardRequestHooks } from './guard-request-hooks.js';
import { useNoSuggestions } from './use-no-suggestions.js';
import { useServiceForGateways } from './use-service-for-gateways.js';

export function useIntrospectionOff(): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      // Request hooks are guarded as yoga.ts guards every plugin's.
      addPlugin(guardRequestHooks(useDisableIntrospection() as Plugin));
      addPlugin(useNoSuggestions());
      addPlugin(useServiceForGateways() as Plugin);
    },
  };
}
