package lv.sargs.gateway;

/**
 * Starts the production client listener ({@code listener.ClientListener}) for {@link Main}.
 * The seam where the client listener plugs in until its branch is merged.
 */
final class ClientListenerWiring {

    private ClientListenerWiring() {
    }

    static ClientService start(ClientService.Context context) throws StartupException {
        throw new StartupException(StartupException.Code.LISTENER,
                "listeners.client: the client listener is not part of this build yet", null);
    }
}
