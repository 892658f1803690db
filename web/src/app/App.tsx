// The app: routing by path, the session gate (signed-out people go to sign-in and come back to
// where they were going), each role's home, and the screens inside the shell.
import { useEffect, type ReactNode } from 'react';
import { RouterProvider as AriaRouterProvider } from 'react-aria-components';
import { remedy, messageOfError } from '../api/errors.js';
import { AuditLog } from '../screens/AuditLog.js';
import { CertificationQueue } from '../screens/CertificationQueue.js';
import { Compliance } from '../screens/Compliance.js';
import { Dispensing } from '../screens/Dispensing.js';
import { InfusionDay } from '../screens/InfusionDay.js';
import { MyEducation } from '../screens/MyEducation.js';
import { MyQuestionnaire } from '../screens/MyQuestionnaire.js';
import { MyResults } from '../screens/MyResults.js';
import { MySchedule } from '../screens/MySchedule.js';
import { NotFound, NotYet } from '../screens/NotFound.js';
import { PatientList } from '../screens/PatientList.js';
import { PatientPage } from '../screens/PatientPage.js';
import { ReportSymptom } from '../screens/ReportSymptom.js';
import { SignIn } from '../screens/SignIn.js';
import { WalletCard } from '../screens/WalletCard.js';
import { Worklist } from '../screens/Worklist.js';
import { ErrorState, Skeleton } from '../ui/Card.js';
import { homeOf, mayOpen, PATHS, screenOf, type Screen } from './routes.js';
import { RouterProvider, useRouter } from './router.js';
import { SessionProvider, useSession } from './session.js';
import { Shell } from './Shell.js';

export function App() {
  return (
    <RouterProvider>
      <SessionProvider>
        <Routed />
      </SessionProvider>
    </RouterProvider>
  );
}

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => {
    navigate(to, { replace: true });
  }, [navigate, to]);
  return null;
}

function Routed() {
  const { path, navigate } = useRouter();
  const { state, retry } = useSession();
  const screen = screenOf(path);
  let content: ReactNode;
  switch (state.kind) {
    case 'checking':
      content = (
        <main style={{ padding: 24 }}>
          <Skeleton label="Checking your session…" />
        </main>
      );
      break;
    case 'unavailable':
      content = (
        <main style={{ padding: 24 }}>
          <ErrorState
            title="Vigil cannot be reached"
            message={messageOfError(state.error)}
            action={remedy(state.error)}
            onRetry={retry}
          />
        </main>
      );
      break;
    case 'signed-out':
      content =
        screen.kind === 'sign-in' ? (
          <SignIn expired={state.reason === 'expired'} />
        ) : (
          <Redirect
            to={`${PATHS.signIn}${screen.kind === 'home' ? '' : `?next=${encodeURIComponent(path)}`}`}
          />
        );
      break;
    case 'signed-in': {
      const role = state.principal.role;
      if (screen.kind === 'sign-in' || screen.kind === 'home') {
        const next = new URLSearchParams(window.location.search).get('next');
        const target =
          next !== null && next.startsWith('/') && mayOpen(role, screenOf(next)) ? next : homeOf(role);
        content = <Redirect to={target} />;
      } else {
        content = <Shell>{mayOpen(role, screen) ? <ScreenView screen={screen} /> : <NotFound />}</Shell>;
      }
      break;
    }
  }
  return <AriaRouterProvider navigate={navigate}>{content}</AriaRouterProvider>;
}

function ScreenView({ screen }: { screen: Screen }) {
  switch (screen.kind) {
    case 'worklist':
      return <Worklist />;
    case 'patient-list':
      return <PatientList />;
    case 'patient':
      return <PatientPage id={screen.id} />;
    case 'audit-log':
      return <AuditLog />;
    case 'my-schedule':
      return <MySchedule />;
    case 'my-questionnaire':
      return <MyQuestionnaire />;
    case 'report-symptom':
      return <ReportSymptom />;
    case 'my-results':
      return <MyResults />;
    case 'my-education':
      return <MyEducation />;
    case 'wallet-card':
      return <WalletCard />;
    case 'infusion-day':
      return <InfusionDay />;
    case 'dispensing':
      return <Dispensing />;
    case 'certification-queue':
      return <CertificationQueue />;
    case 'compliance':
      return <Compliance />;
    case 'not-yet':
      return <NotYet />;
    case 'not-found':
    case 'sign-in':
    case 'home':
      return <NotFound />;
  }
}
